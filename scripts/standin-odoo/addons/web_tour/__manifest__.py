# Stand-in: version and dependencies of Odoo 17.0's web_tour module (addons/web_tour/__manifest__.py).
{
    'name': 'Tours',
    'version': '0.1',
    'category': 'Hidden',
    'depends': ['web'],
    'auto_install': True,
    'license': 'LGPL-3',
}
