# Stand-in: version and dependencies of Odoo 17.0's base_setup module (addons/base_setup/__manifest__.py).
{
    'name': 'Initial Setup Tools',
    'version': '1.0',
    'category': 'Hidden',
    'depends': ['base', 'web'],
    'auto_install': True,
    'license': 'LGPL-3',
}
