# Stand-in: version and dependencies of Odoo 17.0's base module (odoo/addons/base/__manifest__.py).
{
    'name': 'Base',
    'version': '1.3',
    'category': 'Hidden',
    'depends': [],
    'auto_install': True,
    'license': 'LGPL-3',
}
